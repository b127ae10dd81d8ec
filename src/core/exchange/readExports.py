"""Reads our COCO and CSV exports with Python's own readers, for exchangeReaders.test.ts.

`coco FILE`: loads the file with json, checks the published COCO structure (cocodataset.org/#format-data)
the way pycocotools' COCO() indexes it (images, categories and annotations by id; annotations per
image) and prints what it found as JSON, each polygon's shoelace area included.
`csv FILE`: reads the file with the csv module (RFC 4180 dialect) and prints its rows as JSON.
"""
import csv
import json
import sys


def is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def shoelace(flat):
    xs, ys = flat[0::2], flat[1::2]
    n = len(xs)
    return abs(sum(xs[i] * ys[(i + 1) % n] - xs[(i + 1) % n] * ys[i] for i in range(n))) / 2


def read_rle(rle, image, a, i, need):
    """An uncompressed RLE mask as pycocotools reads it: column-major runs from a run of 0s, size [h, w]."""
    counts, size = rle.get("counts"), rle.get("size")
    ok = isinstance(counts, list) and all(map(is_int, counts)) and isinstance(size, list) and len(size) == 2
    need(ok, "annotations[%d].segmentation is not RLE {counts, size}" % i)
    if not ok:
        return {}
    height, width = size
    need(sum(counts) == height * width, "annotations[%d] RLE counts do not cover its size" % i)
    need(image is None or [image["height"], image["width"]] == size, "annotations[%d] RLE size is not its image's" % i)
    need(a.get("iscrowd") == 1, "annotations[%d] RLE without iscrowd 1" % i)
    set_pixels, xs, ys, position = 0, [], [], 0
    for k, run in enumerate(counts):
        if k % 2 == 1:
            set_pixels += run
            for index in range(position, position + run):
                xs.append(index // height)
                ys.append(index % height)
        position += run
    box = [min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1] if xs else None
    return {"area": a.get("area"), "rleArea": set_pixels, "rleBbox": box, "bbox": a.get("bbox")}


def read_coco(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    errors = []

    def need(ok, message):
        if not ok:
            errors.append(message)

    for key in ("info", "images", "annotations", "categories"):
        need(key in data, "missing " + key)
    info = data.get("info", {})
    for key, kind in (("year", int), ("version", str), ("description", str), ("contributor", str), ("url", str), ("date_created", str)):
        need(isinstance(info.get(key), kind), "info.%s is not %s" % (key, kind.__name__))

    images = {}
    for i, image in enumerate(data.get("images", [])):
        need(is_int(image.get("id")) and image.get("id") not in images, "images[%d].id is not a new integer" % i)
        for key in ("width", "height"):
            need(is_int(image.get(key)) and image.get(key) > 0, "images[%d].%s is not a positive integer" % (i, key))
        need(isinstance(image.get("file_name"), str), "images[%d].file_name is not text" % i)
        images[image.get("id")] = image

    categories = {}
    for i, category in enumerate(data.get("categories", [])):
        need(is_int(category.get("id")) and category.get("id") not in categories, "categories[%d].id is not a new integer" % i)
        need(isinstance(category.get("name"), str) and isinstance(category.get("supercategory"), str), "categories[%d] lacks name or supercategory" % i)
        categories[category.get("id")] = category

    per_image = {}
    areas = {}
    seen = set()
    for i, a in enumerate(data.get("annotations", [])):
        need(is_int(a.get("id")) and a.get("id") not in seen, "annotations[%d].id is not a new integer" % i)
        seen.add(a.get("id"))
        image = images.get(a.get("image_id"))
        need(image is not None, "annotations[%d].image_id names no image" % i)
        need(a.get("category_id") in categories, "annotations[%d].category_id names no category" % i)
        need(a.get("iscrowd") in (0, 1), "annotations[%d].iscrowd is not 0 or 1" % i)
        need(is_number(a.get("area")) and a.get("area") >= 0, "annotations[%d].area is not a number" % i)
        bbox = a.get("bbox")
        need(isinstance(bbox, list) and len(bbox) == 4 and all(map(is_number, bbox)) and bbox[2] > 0 and bbox[3] > 0, "annotations[%d].bbox is not [x, y, w, h]" % i)
        segmentation = a.get("segmentation")
        if isinstance(segmentation, dict):
            areas[str(a.get("id"))] = read_rle(segmentation, image, a, i, need)
            per_image[str(a.get("image_id"))] = per_image.get(str(a.get("image_id")), 0) + 1
            continue
        need(isinstance(segmentation, list) and len(segmentation) > 0, "annotations[%d].segmentation is not a list of polygons" % i)
        polygon_area = 0
        for j, polygon in enumerate(segmentation or []):
            well_formed = isinstance(polygon, list) and len(polygon) >= 6 and len(polygon) % 2 == 0 and all(map(is_number, polygon))
            need(well_formed, "annotations[%d].segmentation[%d] is not x1,y1,x2,y2,..." % (i, j))
            if not well_formed or not isinstance(bbox, list) or len(bbox) != 4:
                continue
            polygon_area += shoelace(polygon)
            x0, y0, w, h = bbox
            eps = 1e-9 * max(1, w, h)
            inside_box = all(x0 - eps <= x <= x0 + w + eps for x in polygon[0::2]) and all(y0 - eps <= y <= y0 + h + eps for y in polygon[1::2])
            need(inside_box, "annotations[%d].segmentation[%d] leaves its bbox" % (i, j))
            if image is not None:
                inside_image = all(0 <= x <= image["width"] for x in polygon[0::2]) and all(0 <= y <= image["height"] for y in polygon[1::2])
                need(inside_image, "annotations[%d].segmentation[%d] leaves its image" % (i, j))
        per_image[str(a.get("image_id"))] = per_image.get(str(a.get("image_id")), 0) + 1
        areas[str(a.get("id"))] = {"area": a.get("area"), "polygonArea": polygon_area}

    return {
        "errors": errors,
        "images": len(images),
        "categories": len(categories),
        "annotations": len(seen),
        "annotationsPerImage": per_image,
        "areas": areas,
    }


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    print(json.dumps(read_coco(path) if kind == "coco" else read_csv(path), ensure_ascii=False))

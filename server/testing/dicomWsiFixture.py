#!/usr/bin/python3
"""Writes DICOM VL Whole Slide Microscopy instances for tests, from tiles made by the test.

Usage: dicomWsiFixture.py manifest.json — the manifest lists instances, each with its tiles
(files of baseline JPEG bytes, or raw 8-bit RGB for uncompressed instances) and where they lie.
Needs pydicom (Debian python3-pydicom) and nothing else.
"""
import json
import sys

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.sequence import Sequence
from pydicom.uid import JPEG2000, ExplicitVRLittleEndian, JPEGBaseline8Bit, PYDICOM_IMPLEMENTATION_UID

WSI_STORAGE = "1.2.840.10008.5.1.4.1.1.77.1.6"
STUDY_UID = "2.25.311111111111111111111111111111111"


def item(**attributes):
    ds = Dataset()
    for keyword, value in attributes.items():
        setattr(ds, keyword, value)
    return ds


def instance(spec):
    # "jpeg2000" writes the JPEG tiles under the JPEG 2000 transfer syntax: a slide the reader must refuse.
    jpeg = spec["transferSyntax"] in ("jpeg", "jpeg2000")
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = WSI_STORAGE
    meta.MediaStorageSOPInstanceUID = spec["sopUid"]
    meta.TransferSyntaxUID = {"jpeg": JPEGBaseline8Bit, "jpeg2000": JPEG2000}.get(spec["transferSyntax"], ExplicitVRLittleEndian)
    meta.ImplementationClassUID = PYDICOM_IMPLEMENTATION_UID

    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SOPClassUID = WSI_STORAGE
    ds.SOPInstanceUID = spec["sopUid"]
    ds.StudyInstanceUID = STUDY_UID
    ds.SeriesInstanceUID = spec["seriesUid"]
    if spec.get("pyramidUid"):
        ds.add_new(0x00080019, "UI", spec["pyramidUid"])
    ds.Modality = "SM"
    ds.PatientName = spec.get("patientName", "")
    ds.PatientID = "WSI-FIXTURE"
    ds.Manufacturer = spec.get("manufacturer", "")
    ds.ManufacturerModelName = spec.get("model", "")
    flavor = spec["flavor"]
    ds.ImageType = ["ORIGINAL" if flavor == "VOLUME" else "DERIVED", "PRIMARY", flavor, "NONE"]
    tile = spec["tileSize"]
    ds.Rows = tile
    ds.Columns = tile
    ds.SamplesPerPixel = 3
    ds.PhotometricInterpretation = "YBR_FULL_422" if jpeg else "RGB"
    ds.PlanarConfiguration = 0
    ds.BitsAllocated = 8
    ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    frames = spec["frames"]
    ds.NumberOfFrames = len(frames)
    ds.TotalPixelMatrixColumns = spec["totalColumns"]
    ds.TotalPixelMatrixRows = spec["totalRows"]
    ds.DimensionOrganizationType = spec["organization"]
    if spec.get("concatenation"):
        concatenation = spec["concatenation"]
        ds.ConcatenationUID = concatenation["uid"]
        ds.SOPInstanceUIDOfConcatenationSource = concatenation["sourceUid"]
        ds.InConcatenationNumber = concatenation["number"]
        ds.InConcatenationTotalNumber = concatenation["total"]
        ds.ConcatenationFrameOffsetNumber = concatenation["frameOffset"]
    if spec.get("imagedVolumeMm"):
        ds.ImagedVolumeWidth, ds.ImagedVolumeHeight = spec["imagedVolumeMm"]
    if spec.get("pixelSpacingMm"):
        measures = item(PixelSpacing=spec["pixelSpacingMm"], SliceThickness=0.001)
        ds.SharedFunctionalGroupsSequence = Sequence([item(PixelMeasuresSequence=Sequence([measures]))])
    if spec.get("objectivePower"):
        ds.OpticalPathSequence = Sequence([item(OpticalPathIdentifier="1", ObjectiveLensPower=spec["objectivePower"])])
    if spec["organization"] == "TILED_SPARSE":
        ds.PerFrameFunctionalGroupsSequence = Sequence(
            [
                item(
                    PlanePositionSlideSequence=Sequence(
                        [
                            item(
                                ColumnPositionInTotalImagePixelMatrix=f["column"] + 1,
                                RowPositionInTotalImagePixelMatrix=f["row"] + 1,
                                XOffsetInSlideCoordinateSystem=0.0,
                                YOffsetInSlideCoordinateSystem=0.0,
                                ZOffsetInSlideCoordinateSystem=0.0,
                            )
                        ]
                    )
                )
                for f in frames
            ]
        )
    tiles = []
    for f in frames:
        with open(f["file"], "rb") as handle:
            tiles.append(handle.read())
    if jpeg:
        ds.PixelData = encapsulate(tiles, has_bot=True)
        ds["PixelData"].is_undefined_length = True
        ds["PixelData"].VR = "OB"
        ds.LossyImageCompression = "01"
    else:
        ds.PixelData = b"".join(tiles)
        ds["PixelData"].VR = "OB"
    ds.save_as(spec["path"], write_like_original=False)


def main():
    with open(sys.argv[1]) as handle:
        manifest = json.load(handle)
    for spec in manifest["instances"]:
        instance(spec)


if __name__ == "__main__":
    main()

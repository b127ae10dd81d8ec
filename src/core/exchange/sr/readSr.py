"""Reads an SR file with pydicom (Debian python3-pydicom) for srExport.test.ts and prints its content tree as JSON.

Each content item becomes {rel, type, name: "SCHEME VALUE", value}: a CODE's value as "SCHEME VALUE",
a NUM's as [number, "UNIT"], an IMAGE's as [SOP instance UID, frame or segment number or null],
a PNAME's as its text; a container lists its children as "children".
"""
import json
import sys

import pydicom


def code(ds):
    return "%s %s" % (ds.CodingSchemeDesignator, ds.CodeValue)


def item(ds):
    out = {"rel": ds.get("RelationshipType"), "type": ds.ValueType}
    if "ConceptNameCodeSequence" in ds:
        out["name"] = code(ds.ConceptNameCodeSequence[0])
    kind = ds.ValueType
    if kind == "CODE":
        out["value"] = code(ds.ConceptCodeSequence[0])
    elif kind == "NUM":
        measured = ds.MeasuredValueSequence[0]
        out["value"] = [float(measured.NumericValue), measured.MeasurementUnitsCodeSequence[0].CodeValue]
    elif kind in ("TEXT", "UIDREF"):
        out["value"] = str(ds.TextValue if kind == "TEXT" else ds.UID)
    elif kind == "PNAME":
        out["value"] = str(ds.PersonName)
    elif kind == "IMAGE":
        ref = ds.ReferencedSOPSequence[0]
        out["value"] = [ref.ReferencedSOPInstanceUID, ref.get("ReferencedSegmentNumber", ref.get("ReferencedFrameNumber"))]
    if "ContentSequence" in ds:
        out["children"] = [item(child) for child in ds.ContentSequence]
    return out


if __name__ == "__main__":
    ds = pydicom.dcmread(sys.argv[1])
    tree = item(ds)
    tree["sopClass"] = ds.SOPClassUID
    tree["template"] = ds.ContentTemplateSequence[0].TemplateIdentifier
    tree["completion"] = ds.CompletionFlag
    tree["verification"] = ds.VerificationFlag
    tree["verifiers"] = [
        [str(v.VerifyingObserverName), v.VerifyingOrganization, v.VerificationDateTime] for v in ds.get("VerifyingObserverSequence", [])
    ]
    tree["study"] = ds.StudyInstanceUID
    print(json.dumps(tree, ensure_ascii=False))

#!/usr/bin/python3
"""Writes DICOM video and multi-frame visible-light instances for the frame-set tests.

Usage: dicomFramesFixture.py manifest.json — the manifest lists instances, each either
- "video": an H.264 elementary stream (a file ffmpeg wrote) split into fragments of at most
  `fragmentBytes`, under an MPEG-4 AVC/H.264 transfer syntax, or
- "jpeg": baseline JPEG files, one a frame, or
- "rgb": raw 8-bit RGB files, one a frame (native, Explicit VR Little Endian);
an Ophthalmic Photography instance gets the attributes a fundus camera writes.
Needs pydicom (Debian python3-pydicom) and nothing else.
"""
import json
import sys

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, JPEGBaseline8Bit, PYDICOM_IMPLEMENTATION_UID

H264_HIGH_PROFILE = "1.2.840.10008.1.2.4.102"
OPHTHALMIC_PHOTOGRAPHY_8_BIT = "1.2.840.10008.5.1.4.1.1.77.1.5.1"


def code(value, scheme, meaning):
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = scheme
    item.CodeMeaning = meaning
    return Sequence([item])


def ophthalmic(ds):
    """The Ophthalmic Photography attributes a fundus camera writes (right eye, 45° field)."""
    ds.ImageLaterality = "R"
    ds.AcquisitionDeviceTypeCodeSequence = code("409898007", "SCT", "Fundus camera")
    ds.AnatomicRegionSequence = code("81745001", "SCT", "Eye")
    ds.PatientEyeMovementCommanded = "NO"
    ds.HorizontalFieldOfView = 45
    ds.EmmetropicMagnification = 1
    ds.IntraOcularPressure = ""
    ds.PupilDilated = "NO"
    ds.BurnedInAnnotation = "NO"
    ds.DetectorType = "CCD"
    ds.RefractiveStateSequence = Sequence()
    ds.IlluminationTypeCodeSequence = Sequence()
    ds.LightPathFilterTypeStackCodeSequence = Sequence()
    ds.ImagePathFilterTypeStackCodeSequence = Sequence()
    ds.LensesCodeSequence = Sequence()
    # Multi-frame: the frames' timing is the Synchronization module's.
    ds.SynchronizationFrameOfReferenceUID = "1.2.840.10008.15.1.1"
    ds.SynchronizationTrigger = "NO TRIGGER"
    ds.AcquisitionTimeSynchronized = "N"
    ds.OphthalmicFrameLocationSequence = Sequence()


def fragments(stream, size):
    return [stream[i:i + size] for i in range(0, len(stream), size)]


def instance(spec):
    kind = spec["kind"]
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = spec["sopClassUid"]
    meta.MediaStorageSOPInstanceUID = spec["sopUid"]
    meta.TransferSyntaxUID = {"video": H264_HIGH_PROFILE, "jpeg": JPEGBaseline8Bit}.get(kind, ExplicitVRLittleEndian)
    meta.ImplementationClassUID = PYDICOM_IMPLEMENTATION_UID

    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SOPClassUID = spec["sopClassUid"]
    ds.SOPInstanceUID = spec["sopUid"]
    ds.StudyInstanceUID = spec["studyUid"]
    ds.SeriesInstanceUID = spec["seriesUid"]
    ds.InstanceNumber = spec["instanceNumber"]
    ds.Modality = spec["modality"]
    ds.PatientName = spec["patientName"]
    ds.PatientID = spec["patientId"]
    ds.PatientBirthDate = ""
    ds.PatientSex = ""
    ds.StudyDate = "20260401"
    ds.StudyTime = "093000"
    ds.ReferringPhysicianName = ""
    ds.StudyID = "1"
    ds.AccessionNumber = ""
    ds.SeriesNumber = 1
    ds.Manufacturer = "Mejirushi"
    ds.ContentDate = "20260401"
    ds.ContentTime = "093000"
    ds.AcquisitionDateTime = "20260401093000"
    ds.ImageType = ["ORIGINAL", "PRIMARY"]
    ds.PatientOrientation = ""
    ds.AcquisitionContextSequence = Sequence()
    if spec["sopClassUid"] == OPHTHALMIC_PHOTOGRAPHY_8_BIT:
        ophthalmic(ds)
    else:
        ds.AnatomicRegionSequence = code("71854001", "SCT", "Colon")
    ds.LossyImageCompression = "01" if kind in ("video", "jpeg") else "00"
    ds.Rows = spec["rows"]
    ds.Columns = spec["columns"]
    ds.SamplesPerPixel = 3
    ds.BitsAllocated = 8
    ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    ds.PlanarConfiguration = 0
    ds.NumberOfFrames = spec["frames"]
    if spec["frames"] > 1 or kind == "video":
        ds.FrameIncrementPointer = 0x00181063
        ds.FrameTime = 1000 / spec.get("fps", 25)
    if kind == "video":
        ds.PhotometricInterpretation = "YBR_PARTIAL_420"
        ds.CineRate = spec["fps"]
        stream = open(spec["stream"], "rb").read()
        ds.PixelData = encapsulate(fragments(stream, spec["fragmentBytes"]), has_bot=False)
    elif kind == "jpeg":
        ds.PhotometricInterpretation = "YBR_FULL_422"
        ds.LossyImageCompressionRatio = 10
        ds.LossyImageCompressionMethod = "ISO_10918_1"
        ds.PixelData = encapsulate([open(path, "rb").read() for path in spec["files"]], has_bot=True)
    else:
        ds.PhotometricInterpretation = "RGB"
        ds.PixelData = b"".join(open(path, "rb").read() for path in spec["files"])
    if kind in ("video", "jpeg"):
        ds["PixelData"].is_undefined_length = True
        ds["PixelData"].VR = "OB"
    ds.save_as(spec["path"], write_like_original=False)


def main():
    manifest = json.load(open(sys.argv[1]))
    for spec in manifest["instances"]:
        instance(spec)


if __name__ == "__main__":
    main()

"""Shared awards fixtures: an award form, a registered district, files and people."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.enums import AwardKind, DocumentType, Gender, IssuingLevel, Recipient
from awards.models import AwardForm, Person
from emulation.enums import RegistrationState
from emulation.services import registration_save, set_registration_state
from units.enums import Sector

YEAR = 2021


@pytest.fixture
def form(db):
    return AwardForm.objects.create(
        code="bk-ldld",
        name="Bằng khen LĐLĐ tỉnh",
        issuing_level=IssuingLevel.PROVINCE_FEDERATION,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
        required_documents=[DocumentType.PROPOSAL],
    )


@pytest.fixture
def registered(org):
    registration = registration_save(unit=org.a, year=YEAR, by=None, titles={"ttldxs": 1})
    set_registration_state(obj=registration, to=RegistrationState.SUBMITTED, by=None)
    set_registration_state(obj=registration, to=RegistrationState.ACCEPTED, by=None)


def person(unit, name="Lò Thị Mai", **kwargs):
    return Person.objects.create(
        full_name=name, gender=Gender.FEMALE, unit=unit, sector=unit.sector or Sector.HCSN, **kwargs
    )


def pdf(name="to-trinh.pdf", size=200):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"x" * size)


def docx_bytes(payload: bytes = b"<w:document/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", payload)
    return buffer.getvalue()

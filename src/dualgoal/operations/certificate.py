"""The release certificate (giấy xác nhận hoàn thành cách ly): DOCX per Decree 30 with a QR code, PDF when
LibreOffice is installed, and the signed token the public verification page checks."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import segno
from django.core import signing
from django.urls import reverse
from django.utils import translation
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from dualgoal.core.documents import OfficialHeader, Signature, decree30_docx

from .choices import OrderKind
from .models import ReleaseCertificate

SALT = "dualgoal.operations.certificate"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def certificate_token(certificate: ReleaseCertificate) -> str:
    return signing.dumps({"c": certificate.pk, "n": certificate.number}, salt=SALT, compress=True)


def certificate_from_token(token: str) -> ReleaseCertificate | None:
    """The certificate a token names, or None (forged, altered, or the certificate no longer exists)."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return (
        ReleaseCertificate.objects.filter(pk=payload.get("c"), number=payload.get("n"))
        .select_related("order__person__residence_unit__parent", "order__facility")
        .first()
    )


def verification_url(certificate: ReleaseCertificate, *, base: str) -> str:
    return base.rstrip("/") + reverse("operations:certificate_verify", args=[certificate_token(certificate)])


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=4, border=2)
    return buffer.getvalue()


def pdf_available() -> bool:
    return shutil.which("soffice") is not None


def _d(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _place(order) -> str:
    if order.kind == OrderKind.FACILITY and order.facility:
        return f"tại {order.facility.name}"
    return {"home": "tại nhà", "self_monitoring": "tự theo dõi sức khỏe tại nhà"}.get(order.kind, "")


def _residence_text(person) -> str:
    if person.address:
        return person.address
    unit = person.residence_unit
    if unit is None:
        return ""
    if unit.level == 4 and unit.parent_id:
        return f"{unit.name}, {unit.parent.name}"
    return unit.name


def certificate_docx(certificate: ReleaseCertificate, *, base_url: str) -> bytes:
    """Vietnamese whatever the screen language: an official document."""
    with translation.override("vi"):
        return _certificate_docx(certificate, base_url=base_url)


def _certificate_docx(certificate: ReleaseCertificate, *, base_url: str) -> bytes:
    order = certificate.order
    person = order.person
    residence = person.residence_unit
    commune = residence.parent if residence and residence.level == 4 and residence.parent_id else residence
    if order.kind == OrderKind.FACILITY and order.facility:
        issuer_parent, issuer, place = "UBND HUYỆN YÊN DŨNG", order.facility.name.upper(), "Yên Dũng"
    else:
        issuer_parent = "UBND HUYỆN YÊN DŨNG"
        issuer = f"UBND {commune.name.upper()}" if commune else "UBND"
        place = commune.short_name if commune else "Yên Dũng"
    born = _d(person.birth_date) or (str(person.birth_year) if person.birth_year else "")
    body = [
        f"Xác nhận Ông/Bà: {person.full_name}" + (f", sinh ngày/năm: {born}" if born else "") + ".",
        f"Nơi cư trú: {_residence_text(person)}." if _residence_text(person) else "",
        " ".join(
            part
            for part in (
                "Đã hoàn thành cách ly y tế",
                _place(order),
                f"từ ngày {_d(order.start_date)} đến ngày {_d(order.released_on)} ({order.get_subject_display()}).",
            )
            if part
        ),
        f"Căn cứ áp dụng: {order.rule_note}." if order.rule_note else "",
    ]
    if order.monitoring_end and order.monitoring_end > order.released_on:
        body.append(
            f"Tiếp tục tự theo dõi sức khỏe tại nhà đến hết ngày {_d(order.monitoring_end)}; khi có dấu hiệu sốt, "
            "ho, khó thở phải báo ngay cho trạm y tế xã."
        )
    body.append("Quét mã QR trên giấy này để kiểm tra giấy xác nhận.")
    content = decree30_docx(
        header=OfficialHeader(
            issuer_parent=issuer_parent,
            issuer=issuer,
            number=f"Số: {certificate.number}",
            place=place,
            date=certificate.issued_on,
            doc_type="GIẤY XÁC NHẬN",
            summary="Hoàn thành thời gian cách ly y tế",
        ),
        body=[line for line in body if line],
        recipients=["Ông/Bà " + person.full_name, "Trạm Y tế xã", "Lưu: VT"],
        signature=Signature(authority="TM. BAN CHỈ ĐẠO", title="TRƯỞNG BAN", name=certificate.signer or ""),
    )
    document = Document(io.BytesIO(content))
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    paragraph.add_run().add_picture(io.BytesIO(qr_png(verification_url(certificate, base=base_url))), width=Cm(3))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def certificate_pdf(certificate: ReleaseCertificate, *, base_url: str) -> bytes | None:
    """The DOCX converted by LibreOffice, or None where `soffice` is not installed (or fails)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "giay-xac-nhan.docx"
        source.write_bytes(certificate_docx(certificate, base_url=base_url))
        try:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{folder}/profile",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    folder,
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
        except (subprocess.SubprocessError, OSError):
            return None
        target = source.with_suffix(".pdf")
        return target.read_bytes() if target.exists() else None

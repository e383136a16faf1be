"""Ward and postcode lookups, imported from ONS files, that turn a postcode into ward and district."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from involve.models.base import Base


class Ward(Base):
    __tablename__ = "ward"

    code: Mapped[str] = mapped_column(String(9), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    district_code: Mapped[str] = mapped_column(String(9), index=True)
    district_name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(200), default="")


class PostcodeLookup(Base):
    """One row per postcode, stored without spaces in upper case (e.g. GL54UB)."""

    __tablename__ = "postcode_lookup"

    postcode: Mapped[str] = mapped_column(String(8), primary_key=True)
    ward_code: Mapped[str] = mapped_column(String(9), index=True)
    district_code: Mapped[str] = mapped_column(String(9))
    source: Mapped[str] = mapped_column(String(200), default="")

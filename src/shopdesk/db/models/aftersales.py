"""After-sales cases (工单), the goods they concern, evidence files, and returned goods."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopdesk.db.models.base import Base, Timestamps


class Case(Timestamps, Base):
    __tablename__ = "aftersales_case"
    __table_args__ = (
        Index("ix_aftersales_case_status_due", "status", "due_at"),
        CheckConstraint("satisfaction IS NULL OR (satisfaction BETWEEN 1 AND 5)", name="satisfaction_1_to_5"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # CS-000123
    channel: Mapped[str] = mapped_column(String(16))  # domain.aftersales.CaseChannel
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("sales_order.id"), index=True)
    case_class: Mapped[str] = mapped_column(String(16))  # quality, service, logistics, other
    sub_reason: Mapped[str] = mapped_column(String(100), default="")
    demand: Mapped[str] = mapped_column(String(32), default="")  # what the customer asks for
    description: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[str] = mapped_column(String(8), default="normal")
    owner: Mapped[str] = mapped_column(String(64), default="")
    opened_at: Mapped[datetime] = mapped_column()
    due_at: Mapped[datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default="new")
    # The agreed solution
    solution_type: Mapped[str] = mapped_column(String(16), default="")
    solution_amount: Mapped[int] = mapped_column(Integer, default=0)  # minor units
    solution_note: Mapped[str] = mapped_column(Text, default="")
    solution_owner: Mapped[str] = mapped_column(String(64), default="")
    solution_deadline: Mapped[datetime | None] = mapped_column()
    window_override: Mapped[str] = mapped_column(Text, default="")  # why a late return was accepted
    # Closing
    result_told_at: Mapped[datetime | None] = mapped_column()
    followup_at: Mapped[datetime | None] = mapped_column()
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    no_followup_reason: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column()
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    replacement_order_id: Mapped[int | None] = mapped_column(ForeignKey("sales_order.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    lines: Mapped[list[CaseLine]] = relationship(cascade="all, delete-orphan", order_by="CaseLine.id")
    evidence: Mapped[list[CaseEvidence]] = relationship(cascade="all, delete-orphan", order_by="CaseEvidence.id")

    __mapper_args__ = {"version_id_col": version}


class CaseLine(Base):
    """An order line (and how many of its units) a case is about."""

    __tablename__ = "aftersales_case_line"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("aftersales_case.id", ondelete="CASCADE"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("sales_order_line.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)


class CaseEvidence(Base):
    """A photo or document, kept in the data folder under its content hash."""

    __tablename__ = "aftersales_evidence"
    __table_args__ = (UniqueConstraint("case_id", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("aftersales_case.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column()
    user: Mapped[str] = mapped_column(String(64), default="")


class ReturnReceipt(Base):
    """Returned units received against a case, inspected, and where they went (each a stock move)."""

    __tablename__ = "return_receipt"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("aftersales_case.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("sales_order_line.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    disposition: Mapped[str] = mapped_column(String(16))  # restock, quarantine, scrap, supplier, lost
    value: Mapped[int] = mapped_column(Integer, default=0)  # at the original cost of goods, minor units
    move_id: Mapped[int | None] = mapped_column(ForeignKey("stock_move.id"))
    received_at: Mapped[datetime] = mapped_column()
    note: Mapped[str] = mapped_column(Text, default="")
    user: Mapped[str] = mapped_column(String(64), default="")

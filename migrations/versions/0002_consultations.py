"""Consultations: pages, questions, documents and links; ward and postcode lookups.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 12:18:33.254980

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "postcode_lookup",
        sa.Column("postcode", sa.String(length=8), nullable=False),
        sa.Column("ward_code", sa.String(length=9), nullable=False),
        sa.Column("district_code", sa.String(length=9), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("postcode", name=op.f("pk_postcode_lookup")),
    )
    with op.batch_alter_table("postcode_lookup", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_postcode_lookup_ward_code"), ["ward_code"], unique=False
        )

    op.create_table(
        "ward",
        sa.Column("code", sa.String(length=9), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("district_code", sa.String(length=9), nullable=False),
        sa.Column("district_name", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_ward")),
    )
    with op.batch_alter_table("ward", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ward_district_code"), ["district_code"], unique=False)

    op.create_table(
        "consultation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.String(length=1000), nullable=False),
        sa.Column("proposal", sa.Text(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("whole_area", sa.Boolean(), nullable=False),
        sa.Column("ward_codes", sa.JSON(), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("audiences", sa.JSON(), nullable=False),
        sa.Column("opens_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_due_on", sa.Date(), nullable=True),
        sa.Column("contact_name", sa.String(length=200), nullable=False),
        sa.Column("contact_email", sa.String(length=254), nullable=False),
        sa.Column("contact_phone", sa.String(length=40), nullable=False),
        sa.Column("other_ways_to_respond", sa.Text(), nullable=False),
        sa.Column("about_you_enabled", sa.Boolean(), nullable=False),
        sa.Column("equality_questions_enabled", sa.Boolean(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_early_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome_published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("copied_from_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["copied_from_id"],
            ["consultation.id"],
            name=op.f("fk_consultation_copied_from_id_consultation"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["officer.id"], name=op.f("fk_consultation_created_by_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["service.id"], name=op.f("fk_consultation_service_id_service")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation")),
        sa.UniqueConstraint("slug", name=op.f("uq_consultation_slug")),
    )
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_service_id"), ["service_id"], unique=False
        )

    op.create_table(
        "consultation_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("original_filename", sa.String(length=255), nullable=False),
        sa.Column("stored_name", sa.String(length=80), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultation.id"],
            name=op.f("fk_consultation_document_consultation_id_consultation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_document")),
        sa.UniqueConstraint("stored_name", name=op.f("uq_consultation_document_stored_name")),
    )
    with op.batch_alter_table("consultation_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_document_consultation_id"),
            ["consultation_id"],
            unique=False,
        )

    op.create_table(
        "consultation_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultation.id"],
            name=op.f("fk_consultation_link_consultation_id_consultation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_link")),
    )
    with op.batch_alter_table("consultation_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_link_consultation_id"), ["consultation_id"], unique=False
        )

    op.create_table(
        "question_page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("show_if_question_id", sa.Integer(), nullable=True),
        sa.Column("show_if_value", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultation.id"],
            name=op.f("fk_question_page_consultation_id_consultation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_page")),
    )
    with op.batch_alter_table("question_page", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_question_page_consultation_id"), ["consultation_id"], unique=False
        )

    op.create_table(
        "question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "short_text",
                "long_text",
                "single_choice",
                "multiple_choice",
                "agree_scale",
                "grid",
                "ranking",
                "number",
                "date",
                "postcode",
                name="questionkind",
                native_enum=False,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("hint", sa.String(length=1000), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("statements", sa.JSON(), nullable=False),
        sa.Column("allow_other", sa.Boolean(), nullable=False),
        sa.Column("max_length", sa.Integer(), nullable=True),
        sa.Column("min_value", sa.Integer(), nullable=True),
        sa.Column("max_value", sa.Integer(), nullable=True),
        sa.Column("wording_history", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["page_id"], ["question_page.id"], name=op.f("fk_question_page_id_question_page")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question")),
    )
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_question_page_id"), ["page_id"], unique=False)
    # Pages route on a question's answer, and questions sit on pages: the cycle is closed here.
    with op.batch_alter_table("question_page", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_question_page_show_if_question_id_question"),
            "question",
            ["show_if_question_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("question_page", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_question_page_show_if_question_id_question"), type_="foreignkey"
        )
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_page_id"))
    op.drop_table("question")
    with op.batch_alter_table("question_page", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_page_consultation_id"))
    op.drop_table("question_page")
    with op.batch_alter_table("consultation_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_link_consultation_id"))
    op.drop_table("consultation_link")
    with op.batch_alter_table("consultation_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_document_consultation_id"))
    op.drop_table("consultation_document")
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_service_id"))
    op.drop_table("consultation")
    with op.batch_alter_table("ward", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ward_district_code"))
    op.drop_table("ward")
    with op.batch_alter_table("postcode_lookup", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_postcode_lookup_ward_code"))
    op.drop_table("postcode_lookup")
    # ### end Alembic commands ###

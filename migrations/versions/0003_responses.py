"""Responses: answers, the about-you profile and equality answers (kept apart).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 12:18:33.254980

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=11), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "in_progress", "submitted", name="responsestatus", native_enum=False, length=30
            ),
            nullable=False,
        ),
        sa.Column(
            "channel",
            sa.Enum(
                "online",
                "paper",
                "phone",
                "email",
                "event",
                "assisted_digital",
                name="channel",
                native_enum=False,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("received_on", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resume_code_hash", sa.String(length=64), nullable=True),
        sa.Column("resume_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submission_key", sa.String(length=64), nullable=True),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultation.id"],
            name=op.f("fk_response_consultation_id_consultation"),
        ),
        sa.ForeignKeyConstraint(
            ["entered_by_id"], ["officer.id"], name=op.f("fk_response_entered_by_id_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response")),
        sa.UniqueConstraint("reference", name=op.f("uq_response_reference")),
        sa.UniqueConstraint("resume_code_hash", name=op.f("uq_response_resume_code_hash")),
        sa.UniqueConstraint("submission_key", name=op.f("uq_response_submission_key")),
    )
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.create_index(
            "ix_response_consultation_status", ["consultation_id", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_response_submitted_at"), ["submitted_at"], unique=False
        )

    op.create_table(
        "equality_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("sex", sa.String(length=30), nullable=False),
        sa.Column("ethnic_group", sa.String(length=60), nullable=False),
        sa.Column("disability", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_equality_answers_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equality_answers")),
        sa.UniqueConstraint("response_id", name=op.f("uq_equality_answers_response_id")),
    )
    op.create_table(
        "respondent_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column(
            "responding_as",
            sa.Enum(
                "individual", "organisation", name="respondingas", native_enum=False, length=30
            ),
            nullable=True,
        ),
        sa.Column(
            "organisation_type",
            sa.Enum(
                "business",
                "voluntary_or_community",
                "public_body",
                "other",
                name="organisationtype",
                native_enum=False,
                length=30,
            ),
            nullable=True,
        ),
        sa.Column("organisation_name", sa.String(length=200), nullable=False),
        sa.Column("connections", sa.JSON(), nullable=False),
        sa.Column("connection_other", sa.String(length=200), nullable=False),
        sa.Column(
            "elected_status",
            sa.Enum(
                "neither",
                "councillor",
                "coopted_or_nominated",
                name="electedstatus",
                native_enum=False,
                length=30,
            ),
            nullable=True,
        ),
        sa.Column(
            "age_band",
            sa.Enum(
                "under_16",
                "16_17",
                "18_24",
                "25_34",
                "35_49",
                "50_64",
                "65_74",
                "75_84",
                "85_plus",
                "prefer_not_to_say",
                name="ageband",
                native_enum=False,
                length=30,
            ),
            nullable=True,
        ),
        sa.Column("postcode", sa.String(length=8), nullable=False),
        sa.Column("ward_code", sa.String(length=9), nullable=False),
        sa.Column("district_code", sa.String(length=9), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("wants_updates", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_respondent_profile_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_respondent_profile")),
        sa.UniqueConstraint("response_id", name=op.f("uq_respondent_profile_response_id")),
    )
    with op.batch_alter_table("respondent_profile", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_respondent_profile_age_band"), ["age_band"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_respondent_profile_ward_code"), ["ward_code"], unique=False
        )

    op.create_table(
        "answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"], ["question.id"], name=op.f("fk_answer_question_id_question")
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_answer_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer")),
        sa.UniqueConstraint("response_id", "question_id", name=op.f("uq_answer_response_id")),
    )
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_answer_question_id"), ["question_id"], unique=False)


def downgrade():
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answer_question_id"))
    op.drop_table("answer")
    with op.batch_alter_table("respondent_profile", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_respondent_profile_ward_code"))
        batch_op.drop_index(batch_op.f("ix_respondent_profile_age_band"))
    op.drop_table("respondent_profile")
    op.drop_table("equality_answers")
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_response_submitted_at"))
        batch_op.drop_index("ix_response_consultation_status")
    op.drop_table("response")

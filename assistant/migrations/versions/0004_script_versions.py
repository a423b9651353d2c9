"""call script versions, and the script a call followed (version, ticks, skipped reasons)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 20:55:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('script_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('version', sa.String(length=20), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('activated_by', sa.String(length=80), nullable=False),
    sa.Column('activated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_script_versions'))
    )
    with op.batch_alter_table('script_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_script_versions_language'), ['language'], unique=False)

    # Calls before scripts were versioned keep nulls: no version, nothing ticked or skipped.
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.add_column(sa.Column('script_version', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('script_ticked', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('skipped', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_column('skipped')
        batch_op.drop_column('script_ticked')
        batch_op.drop_column('script_version')

    with op.batch_alter_table('script_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_script_versions_language'))

    op.drop_table('script_versions')

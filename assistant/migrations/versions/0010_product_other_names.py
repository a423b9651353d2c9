"""product other names: a product's names in other languages, searched and embedded (issue 14)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28 09:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('other_names', sa.String(length=500), server_default='', nullable=False))
        batch_op.add_column(sa.Column('search_other', sa.String(length=600), server_default='', nullable=False))
    # The embedded text is the name and its other names now, one per line.
    with op.batch_alter_table('product_vectors', schema=None) as batch_op:
        batch_op.alter_column('text', existing_type=sa.String(length=300), type_=sa.String(length=1000), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('product_vectors', schema=None) as batch_op:
        batch_op.alter_column('text', existing_type=sa.String(length=1000), type_=sa.String(length=300), existing_nullable=False)
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_column('search_other')
        batch_op.drop_column('other_names')

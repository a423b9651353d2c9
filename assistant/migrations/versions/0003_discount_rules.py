"""discount rules, and the discount on order lines

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 19:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('discount_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('client_types', sa.String(length=300), nullable=False),
    sa.Column('sku', sa.String(length=40), nullable=True),
    sa.Column('category', sa.String(length=120), nullable=True),
    sa.Column('min_qty', sa.Numeric(precision=12, scale=3), nullable=True),
    sa.Column('min_order_value', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('percent', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discount_rules')),
    sa.UniqueConstraint('code', name=op.f('uq_discount_rules_code'))
    )
    with op.batch_alter_table('discount_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discount_rules_valid_to'), ['valid_to'], unique=False)

    # Orders placed before discounts keep a null list price and 0 %.
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('list_price', sa.Numeric(precision=14, scale=2), nullable=True))
        batch_op.add_column(sa.Column('discount_percent', sa.Numeric(precision=5, scale=2), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('discount_code', sa.String(length=40), nullable=True))

    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('discounts', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_column('discounts')

    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.drop_column('discount_code')
        batch_op.drop_column('discount_percent')
        batch_op.drop_column('list_price')

    with op.batch_alter_table('discount_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discount_rules_valid_to'))

    op.drop_table('discount_rules')

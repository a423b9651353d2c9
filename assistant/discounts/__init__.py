"""Management's discount programmes on top of the price column (R15)."""

"""Ui of the order desk."""

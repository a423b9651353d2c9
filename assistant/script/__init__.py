"""Script of the order desk."""

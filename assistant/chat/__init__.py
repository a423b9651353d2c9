"""Chat of the order desk."""

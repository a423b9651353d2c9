"""Auth of the order desk."""

"""Training of the order desk."""

"""Orders of the order desk."""

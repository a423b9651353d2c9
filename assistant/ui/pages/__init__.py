"""Pages of the order desk."""

"""Reports of the order desk."""

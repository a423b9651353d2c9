"""Credit of the order desk."""

"""Getting documents and ERP exports into the desk."""

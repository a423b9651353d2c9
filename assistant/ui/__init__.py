"""The Streamlit screens: the only package that imports streamlit."""

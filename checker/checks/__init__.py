"""Built-in check types."""

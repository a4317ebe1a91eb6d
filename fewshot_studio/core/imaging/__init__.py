"""Reading photos: the tolerant loader (one error type for every bad file) and folder scanning."""

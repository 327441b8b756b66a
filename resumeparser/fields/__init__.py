"""Field extractors: one module per part of the record, each a plain function over segmented blocks."""

// placeholder: Semantics

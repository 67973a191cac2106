// placeholder: Syntax

// placeholder: Format

// placeholder: Reporters

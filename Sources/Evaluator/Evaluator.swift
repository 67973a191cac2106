// placeholder: Evaluator

"""A trained classifier end to end: training, calibration, evaluation, data checks, the .fewshot file, the public loaded classifier and the ONNX export."""

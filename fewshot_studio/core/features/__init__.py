"""Photos to numbers: stock and file backbones, the devices they run on, embedding and its on-disk cache."""

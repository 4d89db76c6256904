print("palisade")

extensions = ["handbook"]
tags_create_tags = True
tags_extension = ["md"]

"""How does the handbook help a patient make a choice? Decision aids drawn from data files, to the IPDAS standard."""

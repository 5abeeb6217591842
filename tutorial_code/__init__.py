"""K-Means in Practice: the code of every lesson, one package per half."""

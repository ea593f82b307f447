"""The .xlsx container: open and bound the package, load it with openpyxl, read placed pictures."""

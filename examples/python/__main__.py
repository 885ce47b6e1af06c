"""The seeds as a Pulumi project, for a machine whose Pulumi CLI has the Python language host
(`pulumi up` here). Without it, run the same program with `python automation.py up`."""
from seeds import seeds

seeds()

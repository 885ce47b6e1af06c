"""A Network placeholder (the component arrives with the plugin's construct)."""


def network(provider=None):
    raise NotImplementedError

"""This handbook's own content tests: what its articles say. A fork replaces them; the framework's tests stay in tests/."""

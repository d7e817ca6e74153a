"""openness review: the private page where a person answers the gate's questions."""

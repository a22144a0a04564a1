// LoadGenerator: placeholder until its issue lands.

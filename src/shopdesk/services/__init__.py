"""Use cases. Each public function opens its own unit of work and returns plain results."""

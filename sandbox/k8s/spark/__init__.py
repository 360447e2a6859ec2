"""Real Spark in the sandbox: driver and executor pods as local processes."""

"""The AWS half of the sandbox: moto server and the front proxy that makes it behave like AWS."""

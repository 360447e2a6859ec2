"""Estimate pi by throwing random darts at the unit square (Monte Carlo).

Usage: pi.py [PARTITIONS]   (default 10; each partition throws 100,000 darts)
"""
import random
import sys
from operator import add

from pyspark.sql import SparkSession

DARTS_PER_PARTITION = 100_000


def inside(_: int) -> int:
    x, y = random.random() * 2 - 1, random.random() * 2 - 1
    return 1 if x * x + y * y <= 1 else 0


def main() -> None:
    partitions = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    spark = SparkSession.builder.appName("pi").getOrCreate()
    total = DARTS_PER_PARTITION * partitions
    hits = spark.sparkContext.parallelize(range(total), partitions).map(inside).reduce(add)
    print(f"Pi is roughly {4.0 * hits / total:.6f} ({total} darts, {partitions} partitions)")
    spark.stop()


if __name__ == "__main__":
    main()

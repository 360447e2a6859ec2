"""Aggregate daily weather observations into monthly statistics per station.

Reads CSV files (station,date,temperature_c,precipitation_mm,wind_kmh) from INPUT and
writes Parquet, partitioned by year, to OUTPUT. Both are URLs Spark reads, e.g.
s3a://<bucket>/raw/weather/ and s3a://<bucket>/results/weather-monthly/.

Usage: weather.py INPUT OUTPUT
"""
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import DateType, DoubleType, StringType, StructField, StructType

SCHEMA = StructType(
    [
        StructField("station", StringType(), False),
        StructField("date", DateType(), False),
        StructField("temperature_c", DoubleType(), True),
        StructField("precipitation_mm", DoubleType(), True),
        StructField("wind_kmh", DoubleType(), True),
    ]
)


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: weather.py INPUT OUTPUT")
    source, target = sys.argv[1], sys.argv[2]
    spark = SparkSession.builder.appName("weather").getOrCreate()
    daily = spark.read.csv(source, header=True, schema=SCHEMA, dateFormat="yyyy-MM-dd")
    monthly = (
        daily.withColumn("year", F.year("date"))
        .withColumn("month", F.month("date"))
        .groupBy("station", "year", "month")
        .agg(
            F.count("*").alias("days"),
            F.round(F.avg("temperature_c"), 2).alias("avg_temperature_c"),
            F.min("temperature_c").alias("min_temperature_c"),
            F.max("temperature_c").alias("max_temperature_c"),
            F.round(F.sum("precipitation_mm"), 1).alias("total_precipitation_mm"),
            F.max("wind_kmh").alias("max_wind_kmh"),
        )
        .orderBy("station", "year", "month")
    )
    monthly.write.mode("overwrite").partitionBy("year").parquet(target)
    print(f"wrote {monthly.count()} station-months to {target}")
    spark.stop()


if __name__ == "__main__":
    main()

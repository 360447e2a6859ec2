import Testing

@testable import AWS

@Test(
  "computes the ETag S3 gives a single-part and a multipart upload",
  arguments: [(10, "7cfdd07889b3295d6a550914ab35e068"), (4, "0f79c1eb668c1ac6d58bba1991107119-3")])
func uploadETag(threshold: Int, eTag: String) {
  #expect(S3ETag.of([1, 2, 3, 4, 5], partSize: 2, multipartThreshold: threshold) == eTag)
}

@Test("an empty body's ETag is the MD5 of nothing")
func emptyETag() {
  #expect(S3ETag.of([]) == "d41d8cd98f00b204e9800998ecf8427e")
}

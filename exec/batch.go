package exec

// BatchSize is the number of rows that scans and operators which build
// batches of their own (sort, merge, values) put in one record batch.
const BatchSize = 1024

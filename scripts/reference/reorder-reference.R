#!/usr/bin/env Rscript
# Independent reference figures for @clearbox/reorder's tests, from R's seriation and TSP packages.
# Not run by CI: run by hand after `apt-get install -y r-cran-seriation r-cran-tsp r-cran-jsonlite`, commit the JSON.
suppressMessages({ library(seriation); library(TSP); library(jsonlite) })
root <- normalizePath(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "../.."))
digits <- as.matrix(read.csv(file.path(root, "data/digits/digits.csv"), header = FALSE))
X <- digits[, 1:64]; y <- digits[, 65]
M <- sapply(0:9, function(c) colMeans(X[y == c, , drop = FALSE]))  # 64 pixels x 10 classes
norms <- sqrt(rowSums(M^2))
cosine <- (M %*% t(M)) / outer(norms, norms)
cosine[!is.finite(cosine)] <- 0  # zero rows: similarity 0, as clearbox defines it
D <- 1 - cosine
d <- as.dist(D)

criteria <- c("Path_length", "AR_events", "Gradient_raw", "Moore_stress", "Neumann_stress")
score <- function(order) as.list(criterion(d, ser_permutation(order), method = criteria))
set.seed(1)
tsp_lengths <- sapply(1:20, function(i) criterion(d, seriate(d, method = "TSP"), method = "Path_length"))
orders <- list(identity = 1:64, reversed_odd_first = c(seq(1, 64, 2), seq(64, 2, -2)))

set.seed(2)
R <- matrix(runif(7 * 7), 7); R <- (R + t(R)) / 2; diag(R) <- 0
small_order <- c(3, 1, 7, 2, 6, 4, 5)

out <- list(
  generated_by = "scripts/reference/reorder-reference.R",
  versions = list(R = paste(R.version$major, R.version$minor, sep = "."), seriation = as.character(packageVersion("seriation")), TSP = as.character(packageVersion("TSP"))),
  digits_tsp_path_length_best_of_20 = min(tsp_lengths),
  digits_tsp_path_length_median_of_20 = median(tsp_lengths),
  digits_orders = lapply(orders, function(o) list(order = o - 1, criteria = score(o))),
  small = list(distance = unname(split(R, row(R))), order = small_order - 1,
               criteria = as.list(criterion(as.dist(R), ser_permutation(small_order), method = criteria)))
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE), file.path(root, "packages/reorder/test/fixtures/reference.json"))
cat(toJSON(out[c("versions", "digits_tsp_path_length_best_of_20", "digits_tsp_path_length_median_of_20")], auto_unbox = TRUE, pretty = TRUE), "\n")

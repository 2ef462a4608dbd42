// `shapan sweep` under mpirun (built with SHAPAN_WITH_MPI): the ranks share
// the configurations with dynamic load balancing (docs/sweep.md).
//
// Every rank reads the sweep and the base scenario and does the shared work
// (files, resampling, sun positions, jobs) itself. Rank 0 owns the database:
// it hands out batches of configuration ids to the ranks that ask, stores the
// rows they send back, and runs batches of its own in between, looking for
// requests after each configuration (MPI_Iprobe) and sleeping when it has
// nothing to run, so it never spins. The other ranks ask for the next batch
// with the rows of the last one. Resuming works as without MPI: rank 0 hands
// out only the configurations the database lacks.
#pragma once

#include "sweep_command.h"

namespace shapan::cli {

// True when the process was started by mpirun/srun (OpenMPI's or PMI's
// environment), so `shapan sweep` should run as one rank of many.
bool launched_by_mpirun();

int sweep_mpi_command(const SweepOptions& options);

}  // namespace shapan::cli

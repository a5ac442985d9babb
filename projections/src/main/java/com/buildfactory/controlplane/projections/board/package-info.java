/** The operator's views: the board (items per lane) and the execution queue start-execution hands off to. */
package com.buildfactory.controlplane.projections.board;

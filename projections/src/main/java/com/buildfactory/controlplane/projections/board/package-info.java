/**
 * The operator's views: the board (items per lane, read from the item page's columns) and the execution queue
 * start-execution hands off to.
 */
package com.buildfactory.controlplane.projections.board;
